/// What guard-loop decides with: the guard rules and whether a skip fails the step.
/// guard-loop has no `.releasekit.yml` keys, so these are the flags or their defaults.
public struct GuardLoopSettings: Sendable {
    public var policy: GuardPolicy
    public var failOnSkip: Bool

    public init(policy: GuardPolicy, failOnSkip: Bool) {
        self.policy = policy
        self.failOnSkip = failOnSkip
    }
}
