// name: QEMU's slot pattern: ToInteger of a _UID string "0x0B" selects slot 11
// expect: 0xB
DefinitionBlock ("", "DSDT", 1, "HOTMEM", "ORACLE", 1)
{
    Scope (\_SB) {
        Device (MP0B) {
            Name (_UID, "0x0B")
        }
    }
    Method (SLOT, 1)
    {
        Return (ToInteger (Arg0))
    }
    Method (MAIN, 0)
    {
        Return (SLOT (\_SB.MP0B._UID))
    }
}
