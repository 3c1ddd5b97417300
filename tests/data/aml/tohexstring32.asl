// name: ToHexString of an integer in a revision-1 table gives 8 digits
// expect: "0000BEEF"
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0xBEEF
        Return (ToHexString (Local0))
    }
}
