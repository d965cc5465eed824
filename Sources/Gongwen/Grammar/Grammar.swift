import Foundation

/// A loaded, validated set of rule files: the only place extraction rules live.
///
/// The default grammar (`Grammars/` in the repository) is compiled into the tool;
/// `Grammar(directory:)` loads another folder of `*.rules` files.
public struct Grammar: Sendable {
    /// The grammar's name: the `grammar` rule's name, else the folder name.
    public let name: String
    /// Hex SHA-256 over the rule files (names and contents, sorted by name).
    public let sha256: String
    /// The files it was read from: (file name, contents), sorted by name.
    public let files: [(name: String, contents: String)]
    /// Every rule, in file order then line order.
    public let rules: [Rule]
    private let byKind: [String: [Rule]]

    /// The rules of one kind, in file and line order.
    public func rules(_ kind: String) -> [Rule] { byKind[kind] ?? [] }

    /// Reads and validates a grammar from (file name, contents) pairs.
    public init(files unsorted: [(name: String, contents: String)], defaultName: String) throws(GrammarError) {
        let files = unsorted.sorted { $0.name < $1.name }
        var rules: [Rule] = []
        for file in files {
            rules += try RuleFileParser.parse(file.contents, file: file.name)
        }
        let kinds = Dictionary(RuleKind.all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: [String: Rule] = [:]
        var byKind: [String: [Rule]] = [:]
        for rule in rules {
            guard let kind = kinds[rule.kind] else {
                let known = RuleKind.all.map(\.name).sorted().joined(separator: ", ")
                throw GrammarError(rule, "unknown rule kind '\(rule.kind)' (known kinds: \(known))")
            }
            try kind.validate(rule)
            if !kind.allowsDuplicateNames, let earlier = seen[rule.id] {
                throw GrammarError(rule, "defined twice (first at \(earlier.file):\(earlier.line))")
            }
            seen[rule.id] = rule
            byKind[rule.kind, default: []].append(rule)
        }
        var hashed: [UInt8] = []
        for file in files {
            hashed += Array(file.name.utf8)
            hashed.append(0)
            hashed += Array(file.contents.utf8)
            hashed.append(0)
        }
        self.name = byKind["grammar"]?.first?.name ?? defaultName
        self.sha256 = SHA256.hash(hashed).hexString
        self.files = files
        self.rules = rules
        self.byKind = byKind
    }

    /// Loads every `*.rules` file of a folder.
    public init(directory: URL) throws(GrammarError) {
        let path = directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GrammarError(file: path, line: 0, rule: nil, message: "no such grammar folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".rules") }
        } catch {
            throw GrammarError(file: path, line: 0, rule: nil, message: "cannot list the folder: \(error.localizedDescription)")
        }
        if names.isEmpty {
            throw GrammarError(file: path, line: 0, rule: nil, message: "no *.rules files in this folder")
        }
        var files: [(name: String, contents: String)] = []
        for name in names {
            let filePath = directory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: filePath) else {
                throw GrammarError(file: filePath, line: 0, rule: nil, message: "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw GrammarError(file: filePath, line: 0, rule: nil, message: "not UTF-8 text")
            }
            files.append((name, text))
        }
        do {
            try self.init(files: files, defaultName: directory.lastPathComponent)
        } catch {
            // Name the file by its path, so an editor can jump to it.
            var located = error
            located.file = directory.appendingPathComponent(error.file).path
            throw located
        }
    }

    /// The grammar compiled into the tool (the repository's `Grammars/`).
    public static let builtIn: Grammar = {
        do {
            return try Grammar(files: EmbeddedFiles.grammar, defaultName: "default")
        } catch {
            fatalError("the built-in grammar is invalid: \(error)")
        }
    }()
}
