// name: a 600-character string built by 300 Concatenates, and a 64 KiB buffer written at its last byte
// expect: Package(2) {0x258, 0x10007}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = ""
        Local1 = 0
        While (Local1 < 300) {
            Local0 = Concatenate (Local0, "ab")
            Local1++
        }
        Local2 = Buffer (0x10000) {}
        Local2[0xFFFF] = 7
        Local7 = Package (2) {}
        Local7[0] = SizeOf (Local0)
        Local7[1] = DerefOf (Local2[0xFFFF]) + SizeOf (Local2)
        Return (Local7)
    }
}
