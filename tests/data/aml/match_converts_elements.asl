// name: Match converts each package element to the match object's type, as ACPICA does: "10" matches 0x10
// expect: 0x2
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (PKG, Package () { "abc", 5, "10" })
    Method (MAIN, 0)
    {
        Return (Match (PKG, MEQ, 0x10, MTR, 0, 0))
    }
}
