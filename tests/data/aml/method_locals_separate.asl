// name: each call has its own Locals: the callee's Local0 does not touch the caller's
// expect: 0x65
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (INNR, 0)
    {
        Local0 = 100
        Return (Local0)
    }
    Method (MAIN, 0)
    {
        Local0 = 1
        Local1 = INNR ()
        Return (Local0 + Local1)
    }
}
