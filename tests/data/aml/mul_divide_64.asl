// name: 64-bit Multiply wraps; Divide of all ones by 2^32 + 1 (exact, quotient 2^32 - 1)
// expect: Package(4) {0x0, 0xFFFFFFFFFFFFFFFD, 0x0, 0xFFFFFFFF}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0x100000000
        Local1 = 0xFFFFFFFFFFFFFFFF
        Local7 = Package (4) {}
        Local7[0] = Local0 * Local0
        Local7[1] = Local1 * 3
        Divide (Local1, 0x100000001, Local2, Local3)
        Local7[2] = Local2
        Local7[3] = Local3
        Return (Local7)
    }
}
