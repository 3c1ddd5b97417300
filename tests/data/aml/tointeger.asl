// name: ToInteger of "0x0A" (hex), "123" (decimal), a buffer (little-endian), an integer
// expect: Package(4) {0xA, 0x7B, 0x201, 0x5}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "0x0A"
        Local1 = "123"
        Local2 = Buffer () { 1, 2 }
        Local7 = Package (4) {}
        Local7[0] = ToInteger (Local0)
        Local7[1] = ToInteger (Local1)
        ToInteger (Local2, Local7[2])
        Local7[3] = ToInteger (5)
        Return (Local7)
    }
}
