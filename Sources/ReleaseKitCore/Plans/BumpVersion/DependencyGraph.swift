/// Which packages of a monorepo pin which, read from their manifests, and the order
/// releases run in: a package after every package it depends on, so its pins can
/// name their new versions.
///
/// A package is known by its component and by the name each of its manifests gives
/// it (`aetherflow-core`, `@scope/core`, the crate name), compared as its ecosystem
/// compares names.
public struct DependencyGraph: Sendable {
    /// One pin of `dependent`'s manifest `file` on `dependency`.
    public struct Edge: Sendable {
        public let dependent: String
        public let dependency: String
        /// The manifest, as the dependent's files name it (`displayPath`).
        public let file: String
        public let pin: DependencyPin
    }

    public let edges: [Edge]
    /// Every component, in configuration order.
    public let components: [String]

    /// The pins among `packages` (each with its version files as read).
    public init(packages: [BumpVersionPackage], files: [[VersionFileBytes]]) throws {
        components = packages.map(\.component)
        var names: [(component: String, ecosystem: DependencyPin.Ecosystem?, name: String)] = []
        for (package, read) in zip(packages, files) {
            names.append((package.component, nil, package.component))
            for file in read {
                guard let ecosystem = DependencyPin.ecosystem(of: file.file.editor),
                      let own = DependencyPin.ownName(in: file.bytes, ecosystem) else { continue }
                names.append((package.component, ecosystem, own))
            }
        }
        var edges: [Edge] = []
        for (package, read) in zip(packages, files) {
            for file in read {
                guard let ecosystem = DependencyPin.ecosystem(of: file.file.editor) else { continue }
                let others = names.filter { $0.component != package.component && ($0.ecosystem == nil || $0.ecosystem == ecosystem) }
                guard !others.isEmpty else { continue }
                let pins: [DependencyPin]
                do {
                    pins = try DependencyPin.locate(in: file.bytes, ecosystem, names: Set(others.map(\.name)))
                } catch let error as VersionFileError {
                    throw VersionFileError(path: file.ref.displayPath, reason: error.reason)
                }
                for pin in pins {
                    let key = DependencyPin.normalized(pin.name, ecosystem)
                    guard let target = others.first(where: { DependencyPin.normalized($0.name, ecosystem) == key }) else { continue }
                    edges.append(Edge(dependent: package.component, dependency: target.component, file: file.ref.displayPath, pin: pin))
                }
            }
        }
        self.edges = edges
    }

    /// The pins `component`'s manifests hold on other packages.
    public func pins(of component: String) -> [Edge] { edges.filter { $0.dependent == component } }

    /// `requested` and, when `withDependents`, every package that depends on one of
    /// them (transitively), in dependency order; otherwise in the order given.
    /// Throws `BumpVersionPlanError.dependencyCycle` naming the cycle.
    public func order(_ requested: [String], withDependents: Bool) throws -> [String] {
        var selected = Set(requested)
        if withDependents {
            var frontier = requested
            while let next = frontier.popLast() {
                for edge in edges where edge.dependency == next && selected.insert(edge.dependent).inserted {
                    frontier.append(edge.dependent)
                }
            }
        }
        let nodes = components.filter(selected.contains) + requested.filter { !components.contains($0) }
        let inside = edges.filter { selected.contains($0.dependent) && selected.contains($0.dependency) }
        var ordered: [String] = []
        var remaining = nodes
        while !remaining.isEmpty {
            // The first package (in configuration order) whose dependencies are all placed.
            guard let ready = remaining.firstIndex(where: { node in
                inside.allSatisfy { $0.dependent != node || ordered.contains($0.dependency) || $0.dependency == node }
            }) else {
                throw BumpVersionPlanError.dependencyCycle(cycle(among: remaining, inside))
            }
            ordered.append(remaining.remove(at: ready))
        }
        return ordered
    }

    /// A cycle among `nodes` (each has an unplaced dependency), as a path that ends
    /// where it starts: walk dependencies until one repeats.
    private func cycle(among nodes: [String], _ edges: [Edge]) -> [String] {
        var path = [nodes[0]]
        while true {
            let current = path[path.count - 1]
            guard let next = edges.first(where: { $0.dependent == current && nodes.contains($0.dependency) })?.dependency else { return path }
            if let start = path.firstIndex(of: next) { return Array(path[start...]) + [next] }
            path.append(next)
        }
    }
}
