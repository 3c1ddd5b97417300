// name: Return from inside a While inside an If ends the method at once
// expect: 0x7
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (FIND, 1)
    {
        Local0 = 0
        While (Local0 < 100) {
            If (Local0 * Local0 > Arg0) {
                Return (Local0)
            }
            Local0++
        }
        Return (Ones)
    }
    Method (MAIN, 0)
    {
        Return (FIND (40))
    }
}
