// name: a string operand of Add is read as hex digits ("10" is 0x10)
// expect: 0x11
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "10"
        Return (Local0 + 1)
    }
}
