// name: Not of a 32-bit table is 32 bits wide
// expect: Package(2) {0xFFFFFFFF, 0xFFFFFFF0}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = 0
        Local1 = 0x0F
        Local2 = ~Local0
        Local3 = ~Local1
        Local7 = Package (2) {}
        Local7[0] = Local2
        Local7[1] = Local3
        Return (Local7)
    }
}
