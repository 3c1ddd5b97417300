// name: storing a String of 18 hex digits into an Integer name keeps the first 16 (ACPI 6.x 19.3.5.3)
// expect: 0x123456789ABCDEF0
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (INT1, 0)
    Method (MAIN, 0)
    {
        INT1 = "123456789ABCDEF012"
        Return (INT1)
    }
}
