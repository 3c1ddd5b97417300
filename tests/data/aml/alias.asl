// name: a store through an Alias changes the object it names
// expect: 0x5
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (INT1, 1)
    Alias (INT1, ALS1)
    Method (MAIN, 0)
    {
        ALS1 = 5
        Return (INT1)
    }
}
