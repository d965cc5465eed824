/// The line protocol of `gongwen stream`, a mapper for Spark's `rdd.pipe` and Hadoop
/// Streaming.
///
/// Each input line is a JSON object: `{"id": …, "text": "…"}` carries the document, or
/// `{"id": …, "path": "…"}` names a file to read; an optional `"name"` sets
/// `source.name` (default: the path's file name, or `-` for text). Each answer is one
/// line: the document's compact JSON (the same bytes `gongwen parse --compact` prints),
/// or `{"id":…,"error":{"code":…,"message":…}}` with the request's `id` as written
/// (`null` when the line had none or was not JSON).
///
/// Error codes: `bad-request` (not a JSON object, no `text` or `path`, both, not a
/// string), `unreadable` (the path cannot be read), `binary`, `invalid-bytes`,
/// `unknown-encoding`, `decoding` (the bytes are not text).
public struct StreamProtocol: Sendable {
    /// One answer.
    public struct Response: Sendable, Equatable {
        /// The output line, without its newline.
        public var line: [UInt8]
        /// The error code when the answer is an error line.
        public var errorCode: String?
        /// Quantities found (0 for an error).
        public var quantities: Int
        /// Input bytes converted (0 for an error).
        public var bytes: Int
    }

    public let pipeline: Pipeline
    let encoder = DocumentEncoder(pretty: false)

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    /// Answers one input line.
    /// - Parameter lineNumber: the line's number (1-based), quoted in `bad-request` messages.
    public func respond(to line: [UInt8], lineNumber: Int) -> Response {
        let members: [String: JSONLineValue]
        do {
            members = try JSONLines.parseObject(line)
        } catch {
            return failure(id: nil, code: "bad-request", message: "line \(lineNumber): not a JSON object: \(error)")
        }
        let id = members["id"]?.raw
        let text = members["text"]
        let path = members["path"]
        if text != nil && path != nil {
            return failure(id: id, code: "bad-request", message: "line \(lineNumber): give \"text\" or \"path\", not both")
        }
        if let name = members["name"], name.string == nil {
            return failure(id: id, code: "bad-request", message: "line \(lineNumber): \"name\" must be a string")
        }
        let document: Document
        if let text {
            guard let string = text.string else {
                return failure(id: id, code: "bad-request", message: "line \(lineNumber): \"text\" must be a string")
            }
            document = pipeline.parse(text: string, name: members["name"]?.string ?? members["id"]?.string ?? "-")
        } else if let path {
            guard let file = path.string else {
                return failure(id: id, code: "bad-request", message: "line \(lineNumber): \"path\" must be a string")
            }
            let bytes: [UInt8]
            do {
                bytes = try DocumentFile.read(atPath: file).bytes
            } catch {
                return failure(id: id, code: "unreadable", message: "\(file): \(error)")
            }
            do {
                let name = members["name"]?.string ?? StreamProtocol.fileName(file)
                document = try pipeline.parse(bytes: bytes, name: name)
            } catch {
                return failure(id: id, code: StreamProtocol.code(of: error), message: "\(file): \(error)")
            }
        } else {
            return failure(id: id, code: "bad-request",
                           message: "line \(lineNumber): needs \"text\" (the document) or \"path\" (a file to read)")
        }
        return Response(line: encoder.encode(document), errorCode: nil, quantities: document.quantities.count,
                        bytes: document.source.bytes)
    }

    /// The error line for a request: `{"id":ID,"error":{"code":CODE,"message":MESSAGE}}`.
    /// - Parameter id: the id's JSON text as written; nil writes `null`.
    public static func errorLine(id: [UInt8]?, code: String, message: String) -> [UInt8] {
        var json = JSONWriter(pretty: false, capacity: 128 + message.utf8.count)
        json.beginObject()
        json.key("id")
        json.null()
        json.key("error")
        json.beginObject()
        json.key("code"); json.string(code)
        json.key("message"); json.string(message)
        json.endObject()
        json.endObject()
        var bytes = json.bytes
        if let id {
            // Swap the placeholder `null` for the id exactly as the request wrote it.
            let prefix = Array("{\"id\":".utf8)
            bytes.replaceSubrange(prefix.count..<prefix.count + 4, with: id)
        }
        return bytes
    }

    /// The stable error code of a decoding failure.
    public static func code(of error: DecodingError) -> String {
        switch error {
        case .binary: return "binary"
        case .invalidBytes: return "invalid-bytes"
        case .unknownEncoding: return "unknown-encoding"
        case .converter: return "decoding"
        }
    }

    private func failure(id: [UInt8]?, code: String, message: String) -> Response {
        Response(line: StreamProtocol.errorLine(id: id, code: code, message: message), errorCode: code,
                 quantities: 0, bytes: 0)
    }

    /// The last component of a path, as `gongwen parse` names a file.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
