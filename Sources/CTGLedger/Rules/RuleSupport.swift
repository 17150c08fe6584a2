/// Lookups over a convention's history shared by the domain rules.
extension ConventionHistory {
    /// Every party the history knows: the registration's, then those added by avenants (first mention wins).
    var knownParties: [Party] {
        var parties = registration?.data.parties ?? []
        for record in avenants {
            for case .addParty(let party) in record.avenant.changes where !parties.contains(where: { $0.id == party.id }) {
                parties.append(party)
            }
        }
        return parties
    }

    /// The party with this id, if known.
    func party(_ id: String) -> Party? {
        knownParties.first { $0.id == id }
    }

    /// Every `deliberation.adopted`, with its event.
    var deliberations: [(event: Event, deliberation: DeliberationAdopted)] {
        events.compactMap { event in
            if case .deliberationAdopted(let d) = event.payload { return (event, d) }
            return nil
        }
    }
}
