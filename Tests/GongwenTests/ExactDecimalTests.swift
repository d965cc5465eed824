@testable import Gongwen
import Testing

@Suite("Exact decimals")
struct ExactDecimalTests {
    @Test("parse and print", arguments: [
        ("300", "300"), ("3.33", "3.33"), ("0.05", "0.05"), ("-2.5", "-2.5"), ("7.70", "7.7"), ("1200", "1200"),
    ])
    func roundTrip(text: String, printed: String) throws {
        #expect(try #require(ExactDecimal(text)).description == printed)
    }

    @Test("scaling stays exact", arguments: [
        ("3.33", "10000", "33300"), ("1.3", "1000000000000", "1300000000000"), ("300", "100000000", "30000000000"),
        ("0.1", "0.1", "0.01"), ("522.158", "1", "522.158"),
    ])
    func multiply(a: String, b: String, product: String) throws {
        let x = try #require(ExactDecimal(a))
        let y = try #require(ExactDecimal(b))
        #expect(x.multiplied(by: y)?.description == product)
    }

    @Test func additionAndOrder() throws {
        let a = try #require(ExactDecimal("0.1"))
        let b = try #require(ExactDecimal("0.2"))
        #expect(a.adding(b)?.description == "0.3")
        #expect(a < b)
        #expect(ExactDecimal(5) > a)
    }

    @Test func rejectsNonNumbers() {
        #expect(ExactDecimal("") == nil)
        #expect(ExactDecimal("1.2.3") == nil)
        #expect(ExactDecimal("abc") == nil)
    }

    @Test func overflowIsReported() {
        let big = ExactDecimal(significand: Int64.max / 2)
        #expect(big.multiplied(by: ExactDecimal(significand: 3)) == nil)
    }
}
