// name: a method calls one defined later in the table, with arguments (QEMU's MSCN -> MTFY)
// expect: 0x2A
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (MAIN, 0)
    {
        Return (LATE (40, 2))
    }
    Method (LATE, 2)
    {
        Return (Arg0 + Arg1)
    }
}
