// name: Concatenate of a String and an Integer in a revision-1 table uses 8 hex digits
// expect: "v=FFFFFFFF"
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local0--
        Return (Concatenate ("v=", Local0))
    }
}
