// name: a one-segment name searches up the tree (ROOT from a device's method); ^ climbs from the method's own scope
// expect: Package(2) {0x55, 0x7}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Name (ROOT, 0x55)
    Scope (\_SB) {
        Device (DEV0) {
            Name (_HID, "HOTM0002")
            Name (VAL0, 3)
            Method (GETR, 0) { Return (ROOT) }
            Device (SUB0) {
                Name (_ADR, 0)
                Method (GET0, 0) { Return (^^VAL0 + ^^^DEV1.VAL1) }
            }
        }
        Device (DEV1) {
            Name (_HID, "HOTM0003")
            Name (VAL1, 4)
        }
    }
    Method (MAIN, 0)
    {
        Local7 = Package (2) {}
        Local7[0] = \_SB.DEV0.GETR ()
        Local7[1] = \_SB.DEV0.SUB0.GET0 ()
        Return (Local7)
    }
}
