"""local_db"""
