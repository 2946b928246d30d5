from django.contrib.auth import views as auth_views
from django.urls import path

from kotacerdas.accounts.views import invitations, notifications, people, profile, tokens

app_name = "accounts"
urlpatterns = [
    path("login/", tokens.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.revoke_token, name="token-revoke"),
    # Self-service: profile, password, notifications.
    path("profile/", profile.profile, name="profile"),
    path("password/", profile.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", profile.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/", profile.PasswordResetDoneView.as_view(), name="password-reset-done"
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        profile.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        profile.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_all_read, name="notifications-read"),
    path(
        "notifications/<int:notification_id>/",
        notifications.open_notification,
        name="notification-open",
    ),
    # People: the office's staff, a region's team; invitations.
    path("people/", people.people_list, name="people"),
    path("people/invite/", invitations.invite, name="invite"),
    path("people/import/", invitations.invite_import, name="invite-import"),
    path("people/<int:user_id>/", people.person_detail, name="person"),
    path("people/<int:user_id>/deactivate/", people.deactivate, name="person-deactivate"),
    path("people/<int:user_id>/reactivate/", people.reactivate, name="person-reactivate"),
    path("invitations/<int:invitation_id>/resend/", invitations.resend, name="invitation-resend"),
    path("invitations/<int:invitation_id>/revoke/", invitations.revoke, name="invitation-revoke"),
    path("invitation/<str:secret>/", invitations.accept, name="invitation-accept"),
    path(
        "invitation/<str:secret>/ask-again/",
        invitations.ask_again,
        name="invitation-ask-again",
    ),
]
