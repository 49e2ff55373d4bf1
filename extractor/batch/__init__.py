"""Many inputs: ordered records, the process pool, --resume, the locked -o file."""
