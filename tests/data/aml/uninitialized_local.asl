// name: reading a Local that was never written is an error
// expect: error
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (FLAG, 1)
    Method (MAIN, 0)
    {
        If (FLAG == 0) {
            Local0 = 1
        }
        Return (Local0)
    }
}
