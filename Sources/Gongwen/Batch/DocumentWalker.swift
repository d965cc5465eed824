import Foundation

/// Finds the documents under the files and folders given to `gongwen batch`.
///
/// A file named on the command line is always taken. A folder is walked recursively in
/// name order; a file in it is taken when its name or relative path matches an include
/// glob and no exclude glob (excludes also prune folders). Symbolic links to files are
/// followed, symbolic links to folders are not (no cycles). Folders listed in
/// `skipping` (the output folder) are never entered.
///
/// The walk is lazy: it holds one listing per open folder, never the whole tree, so it
/// can feed a bounded work queue over an archive of any size.
public struct DocumentWalker: Sendable {
    /// One document found, or a problem found instead of it.
    public struct Entry: Equatable, Sendable {
        /// The path to read (a root as given, joined with the names below it).
        public var path: String
        /// The path relative to the folder given (the file name for a file given), with `/`.
        public var relativePath: String
        /// Why the entry cannot be read (a folder that cannot be listed, a missing input).
        public var problem: String?

        public init(path: String, relativePath: String, problem: String? = nil) {
            self.path = path
            self.relativePath = relativePath
            self.problem = problem
        }

        /// The last component of `path`, recorded as `source.name` (as `gongwen parse` does).
        public var fileName: String { Iterator.fileName(path) }

        /// The output path for this entry: the relative path with its extension replaced
        /// by `.json` (`a/b/c.txt` → `a/b/c.json`).
        public var outputRelativePath: String {
            var components = relativePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard var name = components.popLast() else { return "document.json" }
            if let dot = name.lastIndex(of: "."), dot != name.startIndex {
                name = String(name[..<dot])
            }
            components.append(name + ".json")
            return components.joined(separator: "/")
        }
    }

    /// A folder's identity (device and inode), to recognise it under any path.
    public struct FolderIdentity: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64

        /// The identity of the folder at `path`, or nil when it does not exist.
        public init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.device = UInt64(info.st_dev)
            self.inode = UInt64(info.st_ino)
        }

        init(_ info: stat) {
            self.device = UInt64(info.st_dev)
            self.inode = UInt64(info.st_ino)
        }
    }

    public var include: [Glob]
    public var exclude: [Glob]
    public var skipping: Set<FolderIdentity>

    /// - Parameters:
    ///   - include: globs a file in a folder must match one of (default `*.txt`).
    ///   - exclude: globs that drop files and prune folders.
    ///   - skipping: folders never entered (the output folder).
    public init(include: [Glob] = [Glob("*.txt")], exclude: [Glob] = [], skipping: Set<FolderIdentity> = []) {
        self.include = include
        self.exclude = exclude
        self.skipping = skipping
    }

    /// A lazy walk over `roots`.
    public func walk(_ roots: [String]) -> Iterator {
        Iterator(walker: self, roots: roots)
    }

    /// True when a file at `relativePath` inside a folder is taken.
    public func includes(file relativePath: String) -> Bool {
        include.contains { $0.matches(relativePath) } && !excludes(relativePath)
    }

    /// True when an exclude glob matches `relativePath`.
    public func excludes(_ relativePath: String) -> Bool {
        exclude.contains { $0.matches(relativePath) }
    }

    /// The walk: `next()` returns entries in a stable order (roots as given, names sorted).
    public struct Iterator: IteratorProtocol, Sequence {
        struct Frame {
            var path: String
            var relativePath: String
            var names: [String]
            var index = 0
        }

        let walker: DocumentWalker
        var roots: [String]
        var rootIndex = 0
        var stack: [Frame] = []

        init(walker: DocumentWalker, roots: [String]) {
            self.walker = walker
            self.roots = roots
        }

        public mutating func next() -> Entry? {
            while true {
                if !stack.isEmpty {
                    let top = stack.count - 1
                    if stack[top].index == stack[top].names.count {
                        stack.removeLast()
                        continue
                    }
                    let name = stack[top].names[stack[top].index]
                    stack[top].index += 1
                    let path = stack[top].path.hasSuffix("/") ? stack[top].path + name : stack[top].path + "/" + name
                    let relative = stack[top].relativePath.isEmpty ? name : stack[top].relativePath + "/" + name
                    if let entry = visit(path: path, relativePath: relative) { return entry }
                } else if rootIndex < roots.count {
                    let root = roots[rootIndex]
                    rootIndex += 1
                    var info = stat()
                    guard stat(root, &info) == 0 else {
                        let problem = DocumentReadError.fromErrno(errno, path: root)
                        return Entry(path: root, relativePath: Iterator.fileName(root), problem: problem.description)
                    }
                    if info.st_mode & S_IFMT == S_IFDIR {
                        if walker.skipping.contains(FolderIdentity(info)) { continue }
                        if let problem = push(path: root, relativePath: "") {
                            return Entry(path: root, relativePath: Iterator.fileName(root), problem: problem)
                        }
                        continue
                    }
                    return Entry(path: root, relativePath: Iterator.fileName(root))
                } else {
                    return nil
                }
            }
        }

        /// The entry for one name in a folder, nil when it is not a document (or is a
        /// folder, which is pushed).
        private mutating func visit(path: String, relativePath: String) -> Entry? {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }  // vanished since the listing
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                var target = stat()
                if stat(path, &target) == 0 {
                    kind = target.st_mode & S_IFMT
                    if kind == S_IFDIR { return nil }  // links to folders are not followed
                }
                // A dangling link is offered like a file, so its reader reports it.
            }
            if kind == S_IFDIR {
                if walker.excludes(relativePath) || walker.skipping.contains(FolderIdentity(info)) { return nil }
                if let problem = push(path: path, relativePath: relativePath) {
                    return Entry(path: path, relativePath: relativePath, problem: problem)
                }
                return nil
            }
            guard walker.includes(file: relativePath) else { return nil }
            return Entry(path: path, relativePath: relativePath)
        }

        /// Opens a folder; returns a problem when it cannot be listed.
        private mutating func push(path: String, relativePath: String) -> String? {
            do {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                stack.append(Frame(path: path, relativePath: relativePath, names: names.sorted()))
                return nil
            } catch {
                return "cannot list folder: \((error as NSError).localizedDescription)"
            }
        }

        static func fileName(_ path: String) -> String {
            let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
        }

        public func makeIterator() -> Iterator { self }
    }
}
