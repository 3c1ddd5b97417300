// name: an implicit String->Integer conversion skips a leading 0x, as ACPICA does ("0x1F" + 0)
// expect: 0x1F
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "0x1F"
        Return (Local0 + 0)
    }
}
