// name: nested While loops; Break leaves only the inner one
// expect: 0x28
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local2 = 0
        While (Local0 < 10) {
            Local1 = 0
            While (One) {
                If (Local1 >= 4) {
                    Break
                }
                Local1++
                Local2++
            }
            Local0++
        }
        Return (Local2)
    }
}
