// name: Store to Debug, Stall and Sleep return normally
// expect: 0x1
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "to the debug object"
        Debug = Local0
        Debug = Package () { 1, "two" }
        Stall (10)
        Sleep (1)
        Return (1)
    }
}
