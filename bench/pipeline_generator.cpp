#include "pipeline_generator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "domain/events/event.h"
#include "domain/pipeline/interaction.h"
#include "domain/pipeline/stage.h"
#include "storage/bulk_copy.h"

namespace rrma {
namespace {

using Day = std::chrono::sys_days;

constexpr int kDaysBack = 3 * 365;  // the records, moves and past events run over three years
constexpr int kDaysAhead = 120;     // the events to come, a tenth of them
constexpr double kAboutEventShare = 0.1;
constexpr size_t kAdhesion = static_cast<size_t>(PipelineStage::kAdhesion);  // the first member stage's rank
constexpr double kNextActionShare = 0.3;

// Why a collectivité was moved to each stage (by rank), or back.
constexpr const char* kForwardReasons[] = {"",
                                           "Premier échange avec les élus",
                                           "Adhésion votée en conseil municipal",
                                           "Projet commun identifié",
                                           "Échanges réguliers avec le service des relations internationales",
                                           "Convention de coopération signée"};
constexpr const char* kAlreadyMemberReason = "Déjà adhérente lors de la mise en place du suivi";
constexpr const char* kBackReason = "Pas de suite donnée pour l'instant";
constexpr const char* kNextActions[] = {"Envoyer le projet de convention",    "Relancer le cabinet du maire",
                                        "Préparer le dossier de financement", "Organiser une réunion avec les élus",
                                        "Transmettre le compte rendu",        "Proposer une date de visite"};
// How a participant of a past event stood, drawn with weights.
constexpr const char* kPastAttendances[] = {"present", "excuse", "absent", "inscrit"};
constexpr const char* kEventThemes[] = {"Coopération décentralisée",   "Jeunesse et mobilité internationale",
                                        "Eau et assainissement",       "Climat et transition",
                                        "Agriculture et alimentation", "Éducation à la citoyenneté mondiale"};

Day ParseDay(const std::string& text) {
  if (text.size() != 10) throw std::invalid_argument("a date is YYYY-MM-DD: " + text);
  const std::chrono::year_month_day date{std::chrono::year{std::stoi(text.substr(0, 4))},
                                         std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                         std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
  if (!date.ok()) throw std::invalid_argument("no such date: " + text);
  return date;
}

std::string DayText(Day day) {
  const std::chrono::year_month_day date{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

// The local time of day, HH:MM.
std::string TimeText(int minutes) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
  return text;
}

// A stored timestamp, as NowIsoUtc() writes them: 2026-11-22T17:52:00Z.
std::string Timestamp(Day day, int minutes) { return DayText(day) + "T" + TimeText(minutes) + ":00Z"; }

struct PastEvent {
  int64_t id = 0;
  Day day;
  std::string kind, title;
  std::vector<size_t> parties;  // indexes into the network's collectivités
};

// One network's working set: its collectivités by département, those it follows, its past events.
struct Territory {
  const NetworkTerritory* network = nullptr;
  std::unordered_map<std::string, std::vector<size_t>> by_departement;
  std::vector<size_t> staged;
  std::vector<PastEvent> past_events;
};

// The number of rows of territories[n] when total rows are spread over them by their collectivités.
std::vector<size_t> Allot(size_t total, const std::vector<Territory>& territories) {
  size_t all = 0;
  for (const Territory& territory : territories) all += territory.network->collectivites.size();
  std::vector<size_t> counts;
  size_t before = 0, done = 0;
  for (const Territory& territory : territories) {
    before += territory.network->collectivites.size();
    const auto until =
        static_cast<size_t>(static_cast<double>(total) * static_cast<double>(before) / static_cast<double>(all) + 0.5);
    counts.push_back(until - done);
    done = until;
  }
  return counts;
}

class PipelineGenerator {
 public:
  PipelineGenerator(soci::session& session, Engine engine, const PipelineOptions& options,
                    const std::vector<NetworkTerritory>& networks)
      : session_(session),
        engine_(engine),
        options_(options),
        random_(options.seed ^ 0x9e3779b97f4a7c15ULL),
        today_(ParseDay(options.today)) {
    for (const NetworkTerritory& network : networks) {
      if (network.collectivites.empty()) continue;
      Territory territory;
      territory.network = &network;
      for (size_t i = 0; i < network.collectivites.size(); ++i) {
        territory.by_departement[network.collectivites[i].departement].push_back(i);
      }
      territories_.push_back(std::move(territory));
    }
  }

  PipelineCounts Run() {
    CreateStages();
    CreateEvents();
    CreateInteractions();
    return counts_;
  }

 private:
  size_t Uniform(size_t count) { return std::uniform_int_distribution<size_t>(0, count - 1)(random_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(random_); }
  size_t Weighted(std::initializer_list<double> weights) {
    return std::discrete_distribution<size_t>(weights)(random_);
  }

  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Uniform(N)];
  }

  Day DayBack(int days) { return today_ - std::chrono::days{static_cast<int>(Uniform(static_cast<size_t>(days) + 1))}; }
  int WorkingMinutes() { return 8 * 60 + static_cast<int>(Uniform(11 * 60)); }

  std::string Visibility(double private_share, double network_share) {
    const size_t draw = Weighted({private_share, network_share, 1 - private_share - network_share});
    return draw == 0 ? "private" : draw == 1 ? "network" : "public";
  }

  // Another collectivité of the territory: of the same département three times in four.
  size_t Near(const Territory& territory, size_t of) {
    const std::vector<size_t>& near = territory.by_departement.at(territory.network->collectivites[of].departement);
    if (Chance(0.75) && near.size() > 1) return near[Uniform(near.size())];
    return Uniform(territory.network->collectivites.size());
  }

  // count distinct collectivités, the first given, the others near it.
  std::vector<size_t> Parties(const Territory& territory, size_t first, size_t count) {
    std::vector<size_t> parties = {first};
    for (size_t tries = 0; parties.size() < count && tries < count * 8; ++tries) {
      const size_t other = Near(territory, first);
      if (std::find(parties.begin(), parties.end(), other) == parties.end()) parties.push_back(other);
    }
    return parties;
  }

  // The ranks (kPipelineStages) after each move that led a collectivité to `rank`, from « non contactée ».
  std::vector<size_t> Path(size_t rank, bool member) {
    if (rank == 0) return {1, 0};  // contacted, then set aside
    std::vector<size_t> between;
    for (size_t r = member ? kAdhesion : 1; r < rank; ++r) between.push_back(r);
    std::shuffle(between.begin(), between.end(), random_);
    between.resize(std::min(between.size(), Uniform(4)));
    std::sort(between.begin(), between.end());
    between.push_back(rank);
    // Now and then a step too far, taken back; between member stages, so the membership holds.
    if (rank >= kAdhesion && rank + 1 < kPipelineStages.size() && between.size() < 4 && Chance(0.08)) {
      between.back() = rank + 1;
      between.push_back(rank);
    }
    return between;
  }

  void CreateStages() {
    std::vector<CopyRow> stages, changes, memberships;
    for (Territory& territory : territories_) {
      const NetworkTerritory& network = *territory.network;
      const std::string network_id = std::to_string(network.id);
      const size_t wanted =
          static_cast<size_t>(options_.stages_share * static_cast<double>(network.collectivites.size()));
      // Today's members first (their stage says so), then others drawn at random.
      std::vector<size_t> order(network.collectivites.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::shuffle(order.begin(), order.end(), random_);
      std::stable_partition(order.begin(), order.end(),
                            [&](size_t i) { return network.members.contains(network.collectivites[i].id); });
      for (size_t i : order) {
        const bool member = network.members.contains(network.collectivites[i].id);
        if (!member && territory.staged.size() >= wanted) break;
        territory.staged.push_back(i);
        const size_t rank =
            member ? kAdhesion + Weighted({0.45, 0.25, 0.18, 0.12}) : Weighted({0.04, 0.60, 0.14, 0.10, 0.07, 0.05});
        const std::vector<size_t> path = Path(rank, member);
        std::vector<std::string> when;
        for (size_t move = 0; move < path.size(); ++move) {
          when.push_back(Timestamp(DayBack(kDaysBack), WorkingMinutes()));
        }
        std::sort(when.begin(), when.end());
        const std::string organisation_id = std::to_string(network.collectivites[i].id);
        size_t from = 0;
        for (size_t move = 0; move < path.size(); ++move) {
          const size_t to = path[move];
          std::string reason = to < from ? kBackReason : Chance(0.3) ? "" : kForwardReasons[to];
          if (member && move == 0) reason = kAlreadyMemberReason;
          changes.push_back({network_id, organisation_id, "private",
                             std::string(PipelineStageName(kPipelineStages[from])),
                             std::string(PipelineStageName(kPipelineStages[to])), reason, std::nullopt, when[move]});
          // A move to « adhésion » records the membership of a collectivité that had none.
          if (!member && from < kAdhesion && to >= kAdhesion) {
            memberships.push_back({std::nullopt, "member_of", organisation_id, std::to_string(network.record_id),
                                   std::nullopt, when[move].substr(0, 10), std::nullopt, "Suivi des collectivités",
                                   network_id, "private", "[]", when[move], when[move]});
          }
          from = to;
        }
        stages.push_back({network_id, organisation_id, "private",
                          std::string(PipelineStageName(kPipelineStages[path.back()])), std::nullopt, when.back()});
      }
    }
    const std::vector<int64_t> ids = ReserveIds(session_, engine_, "relationship", memberships.size());
    for (size_t m = 0; m < memberships.size(); ++m) memberships[m][0] = std::to_string(ids[m]);
    AppendRows(session_, engine_, "relationship",
               {"id", "kind", "from_id", "to_id", "role", "start_date", "end_date", "source", "network_id",
                "visibility", "themes", "created_at", "updated_at"},
               memberships);
    // Without ids: the database numbers them in the order written, each collectivité's moves in order.
    AppendRows(session_, engine_, "pipeline_stage",
               {"network_id", "organisation_id", "visibility", "stage", "owner_id", "changed_at"}, stages);
    AppendRows(
        session_, engine_, "pipeline_change",
        {"network_id", "organisation_id", "visibility", "from_stage", "to_stage", "reason", "changed_by", "changed_at"},
        changes);
    counts_.stages = stages.size();
    counts_.changes = changes.size();
    counts_.memberships = memberships.size();
  }

  void CreateEvents() {
    const std::vector<size_t> allotted = Allot(options_.events, territories_);
    std::vector<int64_t> ids = ReserveIds(session_, engine_, "event", options_.events);
    std::vector<CopyRow> events, parties;
    size_t next = 0;
    for (size_t n = 0; n < territories_.size(); ++n) {
      Territory& territory = territories_[n];
      const NetworkTerritory& network = *territory.network;
      for (size_t e = 0; e < allotted[n]; ++e) {
        const int64_t id = ids[next++];
        const bool upcoming = Chance(0.1);
        const Day day =
            upcoming ? today_ + std::chrono::days{1 + static_cast<int>(Uniform(kDaysAhead))} : DayBack(kDaysBack);
        const std::string kind(Pick(kEventKinds));
        const size_t place = Uniform(network.collectivites.size());
        const TerritoryCollectivite& host = network.collectivites[place];
        const std::string title = std::string(EventKindLabel(kind)) + " — " + host.name;
        const int starts = 9 * 60 + 30 * static_cast<int>(Uniform(18));
        const int ends = starts + 60 * (1 + static_cast<int>(Uniform(4)));
        const std::string created =
            Timestamp(day - std::chrono::days{7 + static_cast<int>(Uniform(60))}, WorkingMinutes());
        events.push_back({std::to_string(id), std::to_string(network.id), Visibility(0.2, 0.5), kind, title,
                          Chance(0.5) ? std::string(Pick(kEventThemes)) : "", "", DayText(day) + "T" + TimeText(starts),
                          DayText(day) + "T" + TimeText(ends), host.name,
                          host.departement.empty() ? std::nullopt : std::optional<std::string>(host.departement),
                          std::nullopt, created, created});
        const std::vector<size_t> attending = Parties(territory, place, 2 + Uniform(5));
        for (size_t p = 0; p < attending.size(); ++p) {
          const char* attendance = p == 0     ? (upcoming ? "inscrit" : "present")
                                   : upcoming ? (Chance(0.6) ? "invite" : "inscrit")
                                              : kPastAttendances[Weighted({0.6, 0.15, 0.1, 0.15})];
          parties.push_back({std::to_string(id), std::to_string(network.collectivites[attending[p]].id),
                             p == 0 ? "organisateur" : "participant", attendance});
        }
        if (!upcoming) territory.past_events.push_back({id, day, kind, title, attending});
      }
    }
    AppendRows(session_, engine_, "event",
               {"id", "network_id", "visibility", "kind", "title", "theme", "description", "starts_at", "ends_at",
                "place", "departement_code", "created_by", "created_at", "updated_at"},
               events);
    AppendRows(session_, engine_, "event_organisation", {"event_id", "organisation_id", "role", "attendance"}, parties);
    counts_.events = events.size();
    counts_.event_organisations = parties.size();
  }

  void CreateInteractions() {
    const std::vector<size_t> allotted = Allot(options_.interactions, territories_);
    std::vector<int64_t> ids = ReserveIds(session_, engine_, "interaction", options_.interactions);
    std::vector<CopyRow> interactions, parties;
    size_t next = 0;
    for (size_t n = 0; n < territories_.size(); ++n) {
      const Territory& territory = territories_[n];
      const NetworkTerritory& network = *territory.network;
      for (size_t r = 0; r < allotted[n]; ++r) {
        const int64_t id = ids[next++];
        std::string type;
        Day day;
        std::vector<size_t> with;
        std::optional<std::string> event_id;
        std::string subject;
        const size_t count = 1 + Weighted({0.6, 0.3, 0.1});
        if (!territory.past_events.empty() && Chance(kAboutEventShare)) {
          const PastEvent& event = territory.past_events[Uniform(territory.past_events.size())];
          type = event.kind == "accueil_delegation" ? "accueil_delegation"
                 : event.kind == "formation"        ? "formation"
                                                    : "evenement";
          day = event.day;
          with = event.parties;
          std::shuffle(with.begin(), with.end(), random_);
          with.resize(std::min(with.size(), count));
          event_id = std::to_string(event.id);
          subject = "Compte rendu : " + event.title;
          ++counts_.about_events;
        } else {
          type = std::string(Pick(kInteractionTypes));
          day = DayBack(kDaysBack);
          // Mostly the collectivités the network follows.
          const size_t first = !territory.staged.empty() && Chance(0.7)
                                   ? territory.staged[Uniform(territory.staged.size())]
                                   : Uniform(network.collectivites.size());
          with = Parties(territory, first, count);
          subject = std::string(InteractionTypeLabel(type)) + " — " + network.collectivites[first].name;
        }
        std::optional<std::string> action, due, done;
        if (Chance(kNextActionShare)) {
          const Day by = day + std::chrono::days{7 + static_cast<int>(Uniform(54))};
          action = Pick(kNextActions);
          due = DayText(by);
          if (by < today_ && Chance(0.7))
            done = Timestamp(by - std::chrono::days{static_cast<int>(Uniform(7))}, WorkingMinutes());
          ++counts_.next_actions;
        }
        const Day written = std::min(today_, day + std::chrono::days{static_cast<int>(Uniform(3))});
        const std::string created = Timestamp(written, WorkingMinutes());
        interactions.push_back({std::to_string(id), std::to_string(network.id), Visibility(0.8, 0.15), DayText(day),
                                type, subject, "", action, due, std::nullopt, done, event_id, std::nullopt, created,
                                created});
        for (size_t party : with) {
          parties.push_back({std::to_string(id), std::to_string(network.collectivites[party].id)});
        }
      }
    }
    AppendRows(
        session_, engine_, "interaction",
        {"id", "network_id", "visibility", "happened_on", "type", "subject", "notes", "next_action", "next_action_due",
         "next_action_owner_id", "next_action_done_at", "event_id", "created_by", "created_at", "updated_at"},
        interactions);
    AppendRows(session_, engine_, "interaction_organisation", {"interaction_id", "organisation_id"}, parties);
    counts_.interactions = interactions.size();
    counts_.interaction_organisations = parties.size();
  }

  soci::session& session_;
  Engine engine_;
  const PipelineOptions& options_;
  std::mt19937_64 random_;
  Day today_;
  std::vector<Territory> territories_;
  PipelineCounts counts_;
};

}  // namespace

PipelineCounts GeneratePipeline(soci::session& session, Engine engine, const PipelineOptions& options,
                                const std::vector<NetworkTerritory>& networks) {
  return PipelineGenerator(session, engine, options, networks).Run();
}

}  // namespace rrma
