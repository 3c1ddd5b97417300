// name: Switch on a String argument compares strings
// expect: 0x2
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (SW, 1, Serialized)
    {
        Switch (Arg0) {
            Case ("abc") { Return (1) }
            Case ("def") { Return (2) }
        }
        Return (0)
    }
    Method (MAIN, 0)
    {
        Return (SW ("def") + SW ("x"))
    }
}
