// name: a mutex acquired by a method stays held after it returns, so the caller may release it
// expect: 0x1
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Mutex (MTX, 0)
    Method (TAKE, 0)
    {
        Acquire (MTX, 0xFFFF)
    }
    Method (MAIN, 0)
    {
        TAKE ()
        Release (MTX)
        Return (1)
    }
}
