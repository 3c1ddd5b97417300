// name: VarPackage with a run-time size, filled by a While, then summed
// expect: Package(2) {0x12C, 0x20D96}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 300
        Local1 = Package (Local0) {}
        Local2 = 0
        While (Local2 < Local0) {
            Local1[Local2] = Local2 * 3
            Local2++
        }
        Local3 = 0
        Local2 = 0
        While (Local2 < SizeOf (Local1)) {
            Local3 += DerefOf (Local1[Local2])
            Local2++
        }
        Local7 = Package (2) {}
        Local7[0] = SizeOf (Local1)
        Local7[1] = Local3
        Return (Local7)
    }
}
