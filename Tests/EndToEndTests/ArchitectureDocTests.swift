import Foundation
import Testing

/// README's module graph is the one `Package.swift` declares.
@Suite struct ArchitectureDocTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every non-test target and its dependencies on other targets of the package.
    static func packageGraph() throws -> [String: Set<String>] {
        let text = try String(contentsOf: repo.appendingPathComponent("Package.swift"), encoding: .utf8)
        let starts = try Regex(#"\.(target|executableTarget|systemLibrary)\(name: "([^"]+)""#)
        var bodies: [(name: String, body: Substring)] = []
        for m in text.matches(of: starts) {
            // The call's text up to its closing parenthesis.
            var depth = 0, end = m.range.lowerBound
            for i in text[m.range.lowerBound...].indices {
                if text[i] == "(" { depth += 1 } else if text[i] == ")" { depth -= 1; if depth == 0 { end = i; break } }
            }
            bodies.append((String(m.output[2].substring!), text[m.range.lowerBound..<end]))
        }
        let names = Set(bodies.map(\.name))
        let quoted = try Regex(#""([^"]+)""#)
        var graph: [String: Set<String>] = [:]
        for (name, body) in bodies {
            guard let deps = body.range(of: "dependencies: [") else { graph[name] = []; continue }
            let list = body[deps.upperBound...].prefix { $0 != "]" }
            graph[name] = Set(list.matches(of: quoted).map { String($0.output[1].substring!) }.filter(names.contains))
        }
        return graph
    }

    @Test func readmeShowsThePackagesModuleGraph() throws {
        let graph = try Self.packageGraph()
        #expect(graph.count >= 17 && graph["NgaTuCantho"] == ["NgaTuCore", "NgaTuOSM"])
        let readme = try String(contentsOf: Self.repo.appendingPathComponent("README.md"), encoding: .utf8)
        let layout = try #require(readme.range(of: "## Code layout"))
        let section = readme[layout.upperBound...]
        let block = try #require(section.range(of: "```mermaid\n")).upperBound
        let blockEnd = try #require(section[block...].range(of: "```")).lowerBound
        var edges: [String: Set<String>] = [:]
        for line in section[block..<blockEnd].split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 3, parts[1] == "-->" else { continue }
            edges[String(parts[0]), default: []].insert(String(parts[2]))
        }
        for (name, deps) in graph {
            #expect(edges[name] ?? [] == deps, "README's graph for \(name)")
            #expect(section.contains("`\(name)`"), "\(name) has a row in the module table")
        }
        #expect(Set(edges.keys).isSubset(of: Set(graph.keys)), "README names a module Package.swift does not have")
    }
}
