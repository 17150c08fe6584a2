import Testing

@testable import CTGLedger

/// A member path is kept in parts and written out only for a message: written, it names the member
/// as the contract does, at any depth, after any number of array items, with any key.
@Suite struct MemberPathTests {
    @Test func aPathIsWrittenAsItWasBuilt() {
        let data = MemberPath("data")
        #expect(data.description == "data")
        #expect(data.appending("changes").description == "data.changes")
        #expect(data.appending("changes").element(2).description == "data.changes[2]")
        #expect(data.appending("changes").element(2).element(5).description == "data.changes[2][5]")
        // Three levels and more: the first ones are written out into the base as the path grows.
        let deep = data.appending("changes").element(2).appending("element").appending("fields").appending("echeance")
        #expect(deep.description == "data.changes[2].element.fields.echeance")
        #expect(deep.appending("more").element(0).appending("x").description == "data.changes[2].element.fields.echeance.more[0].x")
        // The root has an empty base.
        #expect(MemberPath("").appending("data").appending("parties").element(0).description == "data.parties[0]")
        #expect(MemberPath("").element(3).description == "[3]")
    }

    /// A one-character literal may be a `StaticString` without bytes of its own (a scalar): it is
    /// written out at once, and the path goes on from there.
    @Test func oneCharacterKeysAreWrittenToo() {
        let key: StaticString = "v"
        let path = MemberPath("data").appending(key).element(1).appending("w")
        #expect(path.description == "data.v[1].w")
        let accented: StaticString = "é"
        #expect(MemberPath("").appending(accented).appending("x").description == "é.x")
    }

    /// Each item of an array gets its own index; a path kept by a caller does not change when a
    /// later item's path is made from the same array path.
    @Test func itemPathsAreValues() {
        let parties = MemberPath("data").appending("parties")
        let first = parties.element(0)
        let second = parties.element(1)
        #expect(first.description == "data.parties[0]")
        #expect(second.description == "data.parties[1]")
        #expect(parties.description == "data.parties")
        #expect(first.detail == .full && MemberPath("data", detail: .check).appending("x").detail == .check)
    }
}
