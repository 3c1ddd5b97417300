// name: FindSetLeftBit and FindSetRightBit count from 1; 0 for no bit
// expect: Package(6) {0x11, 0x11, 0x0, 0x0, 0x40, 0x1}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x00010000
        Local1 = 0
        Local2 = 0x8000000000000001
        Local7 = Package (6) {}
        FindSetLeftBit (Local0, Local3)
        Local7[0] = Local3
        Local7[1] = FindSetRightBit (Local0)
        Local7[2] = FindSetLeftBit (Local1)
        Local7[3] = FindSetRightBit (Local1)
        Local7[4] = FindSetLeftBit (Local2)
        Local7[5] = FindSetRightBit (Local2)
        Return (Local7)
    }
}
