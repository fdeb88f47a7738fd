import Testing

@testable import OrchgenKit

/// The manifest's hashes must be exact SHA-256: FIPS 180-4's examples, and every message
/// length around the padding's block boundaries (0–299 bytes) against digests from Python's
/// hashlib, so a wrong round, schedule word or padding case cannot hide.
@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func fipsExamples(_ message: String, _ digest: String) {
    #expect(SHA256.hex(message) == digest)
    #expect(SHA256.hex(Array(message.utf8)) == digest)
  }

  @Test func aMillionAs() {
    #expect(SHA256.hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Python: `'\n'.join(sha256(bytes((i*31+7)%251 for i in range(n))).hexdigest() for n in range(300))`, hashed.
  @Test func everyLengthAroundTheBlockBoundaries() {
    let digests = (0..<300).map { length in SHA256.hex((0..<length).map { UInt8(($0 * 31 + 7) % 251) }) }
    #expect(SHA256.hex(digests.joined(separator: "\n")) == "f7a102ad35f5486a88d14943b1c35ab626733803f4325d958ce83e6345890598")
    let long = (0..<100_000).map { UInt8(($0 * 31 + 7) % 251) }
    #expect(SHA256.hex(long) == "08d042cceab8034d08c870e707f331cac9f42321044406bcccd156c7258229ab")
  }
}
