// name: method calls as arguments of method calls, evaluated inside out
// expect: 0x35
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (FF, 2) { Return (Arg0 * 10 + Arg1) }
    Method (GG, 1) { Return (Arg0 + 1) }
    Method (MAIN, 0)
    {
        Return (FF (GG (1), FF (GG (2), 3)))
    }
}
