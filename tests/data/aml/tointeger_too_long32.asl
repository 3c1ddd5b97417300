// name: ToInteger of a hex or decimal string too long for 32 bits keeps the digits that fit, as ACPICA does
// expect: Package(2) {0x12345678, 0x19999999}
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Local0 = "0x123456789"
        Local1 = "4294967296"
        Local2 = ToInteger (Local0)
        Local3 = ToInteger (Local1)
        Local7 = Package (2) {}
        Local7[0] = Local2
        Local7[1] = Local3
        Return (Local7)
    }
}
