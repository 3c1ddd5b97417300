// name: If / ElseIf / Else picks the first true branch only
// expect: Package(4) {0xA, 0x14, 0x1E, 0x28}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (PICK, 1)
    {
        If (Arg0 == 1) {
            Return (10)
        } ElseIf (Arg0 == 2) {
            Return (20)
        } ElseIf (Arg0 < 10) {
            Return (30)
        } Else {
            Return (40)
        }
    }
    Method (MAIN, 0)
    {
        Local7 = Package (4) {}
        Local7[0] = PICK (1)
        Local7[1] = PICK (2)
        Local7[2] = PICK (3)
        Local7[3] = PICK (99)
        Return (Local7)
    }
}
