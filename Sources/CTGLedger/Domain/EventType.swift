/// The event types of the contract (section 4).
public enum EventType: String, CaseIterable, Sendable {
    case conventionRegistered = "convention.registered"
    case deliberationAdopted = "deliberation.adopted"
    case actTransmitted = "act.transmitted"
    case actSigned = "act.signed"
    case avenantConcluded = "avenant.concluded"
    case terminationNotified = "termination.notified"
    case terminationWithdrawn = "termination.withdrawn"
    case stipulationAnnulled = "stipulation.annulled"
    case eventCorrected = "event.corrected"
    case reviewHeld = "review.held"
    case actionProgress = "action.progress"

    /// The newest `v` of each type's `data` shape this library reads.
    public static let currentVersion = 1
}
