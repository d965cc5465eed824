internal import CICUShim

/// An ICU call failed. Carries the ICU status code and its name, e.g. `U_ILLEGAL_CHAR_FOUND`.
public struct ICUError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The ICU `UErrorCode`.
    public let code: Int32
    /// The function of the shim that reported it.
    public let function: String

    init(code: Int32, function: String) {
        self.code = code
        self.function = function
    }

    /// ICU's name for the code.
    public var name: String { String(cString: gw_error_name(code)) }

    public var description: String { "\(function): \(name)" }

    /// Throws when `status` is an ICU failure (a positive code).
    static func check(_ status: Int32, _ function: String) throws(ICUError) {
        if status > 0 { throw ICUError(code: status, function: function) }
    }
}

/// The version of the system ICU, e.g. `72.1`.
public var icuVersion: String {
    var buffer = [CChar](repeating: 0, count: 32)
    gw_icu_version(&buffer, Int32(buffer.count))
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
