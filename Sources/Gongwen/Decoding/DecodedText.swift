/// Text decoded from a file's bytes: the "original" that every `span` points into.
public struct DecodedText: Sendable {
    /// The decoded Unicode scalars, BOM removed, nothing else changed.
    public var scalars: [Unicode.Scalar]
    /// The encoding it was decoded from (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, …).
    public var encoding: String
    /// What decoding noticed (replaced bytes in lossy mode).
    public var diagnostics: [Diagnostic]

    public init(scalars: [Unicode.Scalar], encoding: String, diagnostics: [Diagnostic] = []) {
        self.scalars = scalars
        self.encoding = encoding
        self.diagnostics = diagnostics
    }

    /// Decoded text from a Swift string (as UTF-8), for tests and the `stream` command.
    public init(_ string: String) {
        self.init(scalars: Array(string.unicodeScalars), encoding: "UTF-8")
    }

    /// The original text as a string.
    public var string: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
