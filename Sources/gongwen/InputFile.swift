import Foundation
import Gongwen

/// Reading documents and writing outputs, with errors that name the file and say what to do.
enum InputFile {
    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(path): no such file")
        }
        if isDirectory.boolValue {
            throw CLIError("\(path): is a directory (use 'gongwen batch' to convert a folder)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read the file (check its permissions)")
        }
        return Array(data)
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a
    /// rename, so a reader never sees half a file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw CLIError(error.description)
        }
    }
}

extension FileHandle {
    /// Writes bytes to standard output or error.
    func write(bytes: [UInt8]) {
        write(Data(bytes))
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("gongwen: \(message)\n".utf8))
}
