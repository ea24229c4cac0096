#include "security/secrets.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace rrma {
namespace {

constexpr std::string_view kTokenPrefix = "rrma_";

void EnsureSodium() {
  static const int kInitialised = sodium_init();
  if (kInitialised < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str(hash.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::Unavailable("Mémoire insuffisante pour chiffrer le mot de passe ; réessayez.");
  }
  return std::string(hash.data());
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  EnsureSodium();
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

FairSlots& PasswordWork() {
  static FairSlots slots(kPasswordWorkSlots, kPasswordWorkQueue, kPasswordWorkDoubtfulQueue);
  return slots;
}

std::string NewApiToken() { return std::string(kTokenPrefix) + NewSecret(); }

std::string NewSecret() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> encoded{};
  sodium_bin2base64(encoded.data(), encoded.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded.data();
}

std::string TokenDigest(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

}  // namespace rrma
