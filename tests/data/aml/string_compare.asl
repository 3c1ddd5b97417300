// name: LEqual, LLess and LGreater compare strings byte by byte, shorter first
// expect: Package(4) {0x1, 0x1, 0x1, 0x1}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "abc"
        Local7 = Package (4) { 0, 0, 0, 0 }
        If (Local0 == "abc") { Local7[0] = 1 }
        If (Local0 < "abd") { Local7[1] = 1 }
        If ("b" > Local0) { Local7[2] = 1 }
        If (Local0 < "abcd") { Local7[3] = 1 }
        Return (Local7)
    }
}
