"""RPC Referral Desktop: offline Reducing Parental Conflict referrals."""

__version__ = "0.1.0"
APP_NAME = "RPC Referral Desktop"
