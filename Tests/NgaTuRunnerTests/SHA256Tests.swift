import Testing
@testable import NgaTuRunner

@Suite struct SHA256Tests {
    func hex(_ text: String) -> String {
        var sha = SHA256()
        sha.update(Array(text.utf8))
        return sha.hexDigest()
    }

    /// FIPS 180-4 examples.
    @Test func knownDigests() {
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func piecewiseUpdatesEqualOneUpdate() {
        let text = Array(String(repeating: "Ngã Tư ", count: 50).utf8)
        var whole = SHA256()
        whole.update(text)
        var parts = SHA256()
        var i = 0
        for n in [1, 63, 64, 65, 7, 100] where i < text.count {
            parts.update(Array(text[i..<min(text.count, i + n)])); i += n
        }
        parts.update(Array(text[min(i, text.count)...]))
        #expect(whole.hexDigest() == parts.hexDigest())
    }

    @Test func scenarioHashSeparatesTheTwoFiles() {
        let a = ScenarioHash.of(scenario: Array("ab".utf8), map: Array("c".utf8))
        let b = ScenarioHash.of(scenario: Array("a".utf8), map: Array("bc".utf8))
        #expect(a != b)
        #expect(a == ScenarioHash.of(scenario: Array("ab".utf8), map: Array("c".utf8)))
        #expect(a.count == 64)
    }
}
