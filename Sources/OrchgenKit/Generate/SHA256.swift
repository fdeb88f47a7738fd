/// SHA-256 (FIPS 180-4), for the manifest's content hashes. Written out here because
/// orchgen keeps its dependencies to argument-parser, libyaml and libcmark.
///
/// Hashing every generated file is a large share of a big build, so the compression works on
/// sixteen local words: the message schedule rolls over them (FIPS 180-4 §6.2.2 only ever needs
/// the last sixteen), the eight working variables rotate by argument position instead of
/// being shifted each round, and nothing is read through a bounds-checked array.
public enum SHA256 {
  private static let k: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]

  private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

  /// The lowercase hex digest of `bytes`.
  public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    let result = bytes.withContiguousStorageIfAvailable { digest(UnsafeRawBufferPointer($0)) }
      ?? Array(bytes).withUnsafeBytes { digest($0) }
    return hexString(result)
  }

  /// The hex digest of a string's UTF-8 bytes, read in place.
  public static func hex(_ text: String) -> String {
    var text = text
    return hexString(text.withUTF8 { digest(UnsafeRawBufferPointer($0)) })
  }

  static func digest(_ message: [UInt8]) -> [UInt8] {
    message.withUnsafeBytes { digest($0) }
  }

  private static func hexString(_ digest: [UInt8]) -> String {
    let digits: StaticString = "0123456789abcdef"
    return String(unsafeUninitializedCapacity: digest.count * 2) { out in
      for (index, byte) in digest.enumerated() {
        out[index * 2] = digits.utf8Start[Int(byte >> 4)]
        out[index * 2 + 1] = digits.utf8Start[Int(byte & 0x0f)]
      }
      return digest.count * 2
    }
  }

  /// Hashes the message where it lies: whole blocks straight from the buffer, then the tail
  /// and padding from a small one on the stack (copying a build's 60 MB of files first cost
  /// as much again).
  static func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
    var state: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    let whole = message.count / 64 * 64
    k.withUnsafeBufferPointer { k in
      if let base = message.baseAddress {
        var offset = 0
        while offset < whole {
          compress(&state, base + offset, k)
          offset += 64
        }
      }
      // The tail, 0x80, zeros and the bit length: one block, or two when the tail is 56 bytes or more.
      let rest = message.count - whole
      let blocks = rest < 56 ? 1 : 2
      withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
        tail.initializeMemory(as: UInt8.self, repeating: 0)
        if rest > 0 { tail.baseAddress!.copyMemory(from: message.baseAddress! + whole, byteCount: rest) }
        tail[rest] = 0x80
        let bitLength = UInt64(message.count) &* 8
        tail.storeBytes(of: bitLength.bigEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
        for block in 0..<blocks { compress(&state, UnsafeRawPointer(tail.baseAddress! + block * 64), k) }
      }
    }
    let h = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    return h.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - $0 * 8)) } }
  }

  @inline(__always)
  private static func compress(_ state: inout State, _ block: UnsafeRawPointer, _ k: UnsafeBufferPointer<UInt32>) {
    @inline(__always) func word(_ index: Int) -> UInt32 {
      UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
    }
    var w0 = word(0), w1 = word(1), w2 = word(2), w3 = word(3)
    var w4 = word(4), w5 = word(5), w6 = word(6), w7 = word(7)
    var w8 = word(8), w9 = word(9), w10 = word(10), w11 = word(11)
    var w12 = word(12), w13 = word(13), w14 = word(14), w15 = word(15)
    var (a, b, c, d, e, f, g, h) = state
    var t = 0
    while true {
      // Rounds t…t+15; each of eight rounds moves the working variables one place along.
      round(a, b, c, &d, e, f, g, &h, k[t] &+ w0)
      round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w1)
      round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w2)
      round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w3)
      round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w4)
      round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w5)
      round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w6)
      round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w7)
      round(a, b, c, &d, e, f, g, &h, k[t + 8] &+ w8)
      round(h, a, b, &c, d, e, f, &g, k[t + 9] &+ w9)
      round(g, h, a, &b, c, d, e, &f, k[t + 10] &+ w10)
      round(f, g, h, &a, b, c, d, &e, k[t + 11] &+ w11)
      round(e, f, g, &h, a, b, c, &d, k[t + 12] &+ w12)
      round(d, e, f, &g, h, a, b, &c, k[t + 13] &+ w13)
      round(c, d, e, &f, g, h, a, &b, k[t + 14] &+ w14)
      round(b, c, d, &e, f, g, h, &a, k[t + 15] &+ w15)
      t += 16
      if t == 64 { break }
      // The next sixteen schedule words, each replacing the one sixteen places back.
      w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
      w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
      w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
      w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
      w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
      w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
      w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
      w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
      w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
      w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
      w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
      w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
      w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
      w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
      w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
      w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
    }
    state = (
      state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
    )
  }

  /// One round: `d` gains T1, `h` becomes T1 + T2; the caller rotates the roles.
  @inline(__always)
  private static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
    _ h: inout UInt32, _ kw: UInt32
  ) {
    let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
    let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
    d = d &+ t1
    h = t1 &+ t2
  }

  @inline(__always) private static func sigma0(_ x: UInt32) -> UInt32 { rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3) }
  @inline(__always) private static func sigma1(_ x: UInt32) -> UInt32 { rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10) }

  @inline(__always)
  private static func rotr(_ value: UInt32, _ amount: UInt32) -> UInt32 {
    (value >> amount) | (value << (32 - amount))
  }
}
