// name: a PCI_Config field under a device with _ADR below a host bridge: write, read back
// expect: 0x12345681
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Scope (\_SB) {
        Device (PCI0) {
            Name (_HID, EisaId ("PNP0A03"))
            Name (_BBN, 0)
            Device (DEV1) {
                Name (_ADR, 0x00010000)
                OperationRegion (PCFG, PCI_Config, 0x40, 8)
                Field (PCFG, DWordAcc, NoLock, Preserve)
                {
                    REG0, 32,
                    REG1, 32
                }
            }
        }
    }
    Method (MAIN, 0)
    {
        \_SB.PCI0.DEV1.REG0 = 0x12345678
        \_SB.PCI0.DEV1.REG1 = 0x9
        Return (\_SB.PCI0.DEV1.REG0 + \_SB.PCI0.DEV1.REG1)
    }
}
