// name: an implicit String->Integer conversion stops after 8 hex digits in a revision-1 table (ACPI 6.x 19.3.5.3)
// expect: 0x12345678
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "123456789"
        Local1 = Local0 + 0
        Return (Local1)
    }
}
