// name: EisaId("PNP0C80") is the DWord QEMU's DIMM _HID holds; ToUUID gives 16 bytes in ACPI's mixed-endian order
// expect: Package(2) {0x800CD041, Buffer(16) {33 22 11 00 55 44 77 66 88 99 AA BB CC DD EE FF}}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (_HID, EisaId ("PNP0C80"))
    Name (UUID, ToUUID ("00112233-4455-6677-8899-aabbccddeeff"))
    Method (MAIN, 0)
    {
        Local7 = Package (2) {}
        Local7[0] = _HID
        Local7[1] = UUID
        Return (Local7)
    }
}
