/// Turn of a movement, from the angle between incoming and outgoing segments; right-hand traffic.
public enum Turn: String, Sendable, CaseIterable {
    case left, through, right, uturn
}
