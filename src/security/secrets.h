// Secrets: password hashing and API tokens, with libsodium. Passwords are hashed with argon2id
// (crypto_pwhash_str, libsodium's "interactive" limits: 2 passes over 64 MiB), each with its own
// random salt. API tokens are 32 random bytes shown once to their owner; only their BLAKE2b-256
// digest is stored, so a database leak reveals no usable token. The server's argon2id work takes
// turns in PasswordWork(). Thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/status.h"
#include "security/fair_slots.h"

namespace rrma {

// The argon2id hash string of the password (it embeds algorithm, limits and salt).
// Unavailable if the machine cannot give the memory it needs.
Result<std::string> HashPassword(std::string_view password);

// True when password matches the stored hash string; false for any other hash or password.
bool VerifyPassword(const std::string& hash, std::string_view password);

// Where the server's argon2id work (sign-in, invitation) takes turns: two at once, 64 MiB each,
// the others queued in arrival order, at most kPasswordWorkQueue of them, each for at most
// kPasswordWorkPatience (waiting costs a worker thread, no memory); past either, the caller should
// answer 503 with Retry-After: kPasswordWorkRetry. Doubtful sign-ins (FairSlots::Standing) go after
// the others and may hold only kPasswordWorkDoubtfulQueue places, far fewer than the password
// workers (`rrma serve --password-workers`, 32), so that a flood of guesses never occupies them all.
inline constexpr size_t kPasswordWorkSlots = 2;
inline constexpr size_t kPasswordWorkQueue = 64;
inline constexpr size_t kPasswordWorkDoubtfulQueue = 8;
inline constexpr std::chrono::seconds kPasswordWorkPatience{20};
inline constexpr std::chrono::seconds kPasswordWorkRetry{5};
FairSlots& PasswordWork();

// A new API token: "rrma_" followed by 43 characters of URL-safe base64.
std::string NewApiToken();

// A new random secret of 43 URL-safe characters (session cookies, CSRF tokens).
std::string NewSecret();

// The hexadecimal BLAKE2b-256 digest under which a token is stored and looked up.
std::string TokenDigest(std::string_view token);

}  // namespace rrma
