// name: a Serialized method may call itself (its owner re-acquires the method's mutex): 10 + 9 + ... + 1
// expect: 0x37
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Method (SREC, 1, Serialized)
    {
        If (Arg0 == 0) {
            Return (0)
        }
        Return (Arg0 + SREC (Arg0 - 1))
    }
    Method (MAIN, 0)
    {
        Return (SREC (10))
    }
}
