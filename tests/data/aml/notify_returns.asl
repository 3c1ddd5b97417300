// name: Notify on a device with a computed value returns normally and the method goes on
// expect: 0x3
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Scope (\_SB) {
        Device (MP02) {
            Name (_HID, EisaId ("PNP0C80"))
        }
    }
    Method (MAIN, 0)
    {
        Local0 = 1
        Notify (\_SB.MP02, Local0)
        Local0 += 2
        Notify (\_SB.MP02, Local0)
        Return (Local0)
    }
}
